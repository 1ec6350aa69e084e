// Stands in for Intl.Segmenter in the bundle (scripts/startup.mjs): the first real Segmenter loads ICU's break
// rules, about 12 ms, and Ink's text libraries each make one when their module loads. This one makes the real
// Segmenter when text is first segmented, which the cockpit's first frame never needs (its text splits one
// code unit per cell).
const {Segmenter: RealSegmenter} = Intl;

export class LazySegmenter {
  readonly #args: ConstructorParameters<typeof Intl.Segmenter>;
  #real: Intl.Segmenter | undefined;

  constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
    this.#args = args;
  }

  #segmenter(): Intl.Segmenter {
    return (this.#real ??= new RealSegmenter(...this.#args));
  }

  segment(input: string): Intl.Segments {
    return this.#segmenter().segment(input);
  }

  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.#segmenter().resolvedOptions();
  }
}

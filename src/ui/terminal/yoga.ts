// A drop-in for yoga-layout's entry (substituted in the bundle, for Ink). Yoga's Emscripten loader fetches its
// own WebAssembly from a data: URL when `fetch` exists, and the first call to Node's fetch loads undici: about
// 35 ms of a 200 ms start spent on an HTTP client to decode a string. Without `fetch` the loader decodes the
// same bytes itself. `fetch` is hidden only for the synchronous start of the load, then put back as it was.
import {loadYoga} from 'yoga-layout/load';

export * from 'yoga-layout/load';

/** Runs `start` while `globalThis.fetch` is absent; the property is restored exactly (descriptor and all). */
function withoutFetch<T>(start: () => T): T {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (saved?.configurable) Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return start();
  } finally {
    if (saved?.configurable) Object.defineProperty(globalThis, 'fetch', saved);
  }
}

const Yoga = await withoutFetch(() => loadYoga());
export default Yoga;

import {describe, expect, it, vi} from 'vitest';

describe("the bundle's yoga-layout entry", () => {
  it('loads Yoga without calling fetch, puts fetch back as it was, and lays out as the original does', async () => {
    const spy = vi.fn(() => Promise.reject(new Error('fetch must not be called')));
    const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
    Object.defineProperty(globalThis, 'fetch', {...before, value: spy});
    try {
      const {default: Yoga} = await import('../../src/ui/terminal/yoga.js');
      expect(spy).not.toHaveBeenCalled();
      expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual({...before, value: spy});
      const {default: Original} = await import('yoga-layout');
      expect(Object.keys(Yoga).sort()).toEqual(Object.keys(Original).sort());
      const layout = (Y: typeof Original) => {
        const root = Y.Node.create();
        root.setWidth(80);
        root.setFlexDirection(Y.FLEX_DIRECTION_ROW);
        const a = Y.Node.create();
        a.setFlexGrow(1);
        const b = Y.Node.create();
        b.setWidth(30);
        root.insertChild(a, 0);
        root.insertChild(b, 1);
        root.calculateLayout(undefined, undefined, Y.DIRECTION_LTR);
        const out = [a.getComputedLayout(), b.getComputedLayout()];
        root.freeRecursive();
        return out;
      };
      expect(layout(Yoga)).toEqual(layout(Original));
      expect(layout(Yoga)[1]).toMatchObject({left: 50, width: 30});
    } finally {
      if (before) Object.defineProperty(globalThis, 'fetch', before);
    }
  });
});

// drawille-canvas-blessed-contrib ships no types: it is a CommonJS canvas constructor.
declare module 'drawille-canvas-blessed-contrib' {
  const Canvas: unknown;
  export default Canvas;
}

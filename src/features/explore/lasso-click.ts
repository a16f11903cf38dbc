/**
 * A lasso that ends where it began (a closed loop) is followed by a click at
 * its starting point, which regl-scatterplot takes as picking the one nearest
 * point, replacing the lasso's choice. The click that ends a Shift+drag is
 * stopped on its way down to the canvas.
 */
export function swallowClickAfterLasso(box: HTMLElement): () => void {
  let lasso: { x: number; y: number; path: number } | null = null;
  const down = (e: MouseEvent) => {
    lasso = e.shiftKey ? { x: e.clientX, y: e.clientY, path: 0 } : null;
  };
  const move = (e: MouseEvent) => {
    if (!lasso) return;
    lasso.path += Math.hypot(e.clientX - lasso.x, e.clientY - lasso.y);
    lasso.x = e.clientX;
    lasso.y = e.clientY;
  };
  const click = (e: MouseEvent) => {
    if (lasso && lasso.path > 10) e.stopPropagation();
    lasso = null;
  };
  box.addEventListener('mousedown', down, true);
  window.addEventListener('mousemove', move, true);
  box.addEventListener('click', click, true);
  return () => {
    box.removeEventListener('mousedown', down, true);
    window.removeEventListener('mousemove', move, true);
    box.removeEventListener('click', click, true);
  };
}

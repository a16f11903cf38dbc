// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { swallowClickAfterLasso } from './lasso-click';

function plot() {
  const box = document.createElement('div');
  const canvas = document.createElement('canvas');
  box.appendChild(canvas);
  document.body.appendChild(box);
  const clicks: MouseEvent[] = [];
  canvas.addEventListener('click', (e) => clicks.push(e));
  const stop = swallowClickAfterLasso(box);
  return { box, canvas, clicks, stop };
}

const mouse = (type: string, x: number, y: number, shiftKey = false) => new MouseEvent(type, { bubbles: true, clientX: x, clientY: y, shiftKey });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a lasso closed where it began', () => {
  it('does not reach the plot as a click that would pick the one nearest point', () => {
    const { canvas, clicks } = plot();
    canvas.dispatchEvent(mouse('mousedown', 10, 10, true));
    for (const [x, y] of [
      [60, 10],
      [60, 60],
      [10, 60],
      [10, 10],
    ]) window.dispatchEvent(mouse('mousemove', x!, y!, true));
    canvas.dispatchEvent(mouse('mouseup', 10, 10, true));
    canvas.dispatchEvent(mouse('click', 10, 10, true));
    expect(clicks).toHaveLength(0);
  });

  it('leaves plain clicks and Shift+clicks to the plot', () => {
    const { canvas, clicks } = plot();
    canvas.dispatchEvent(mouse('mousedown', 10, 10));
    canvas.dispatchEvent(mouse('click', 10, 10));
    canvas.dispatchEvent(mouse('mousedown', 20, 20, true));
    window.dispatchEvent(mouse('mousemove', 21, 21, true));
    canvas.dispatchEvent(mouse('click', 21, 21, true));
    expect(clicks).toHaveLength(2);
  });

  it('stops listening when the plot goes', () => {
    const { canvas, clicks, stop } = plot();
    stop();
    canvas.dispatchEvent(mouse('mousedown', 10, 10, true));
    window.dispatchEvent(mouse('mousemove', 200, 200, true));
    canvas.dispatchEvent(mouse('click', 10, 10, true));
    expect(clicks).toHaveLength(1);
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Button, buttonClass } from './button';
import { Select } from './form';

afterEach(cleanup);

function classesOf(element: HTMLElement): string[] {
  return element.className.split(/\s+/);
}

describe('Button', () => {
  it('a small button has the small padding and text, not the full size', () => {
    render(
      <Button variant="primary" size="sm">
        Run
      </Button>,
    );
    const classes = classesOf(screen.getByRole('button', { name: 'Run' }));
    expect(classes).toEqual(expect.arrayContaining(['px-2', 'py-1', 'text-xs']));
    expect(classes).not.toContain('px-3');
    expect(classes).not.toContain('py-1.5');
    expect(classes).not.toContain('text-sm');
  });

  it('a link styled as a small button gets the same small padding', () => {
    const classes = buttonClass('secondary', 'sm').split(' ');
    expect(classes).toContain('px-2');
    expect(classes).not.toContain('px-3');
  });

  it('a caller’s className replaces the conflicting classes of the variant', () => {
    render(<Button className="px-6">Wide</Button>);
    const classes = classesOf(screen.getByRole('button', { name: 'Wide' }));
    expect(classes).toContain('px-6');
    expect(classes).not.toContain('px-3');
  });
});

describe('Select', () => {
  it('a compact select really gets the smaller vertical padding', () => {
    render(
      <Select aria-label="Example" className="py-1 text-xs">
        <option>one</option>
      </Select>,
    );
    const classes = classesOf(screen.getByRole('combobox', { name: 'Example' }));
    expect(classes).toContain('py-1');
    expect(classes).not.toContain('py-1.5');
    expect(classes).not.toContain('text-sm');
  });
});

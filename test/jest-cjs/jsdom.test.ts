/**
 * @jest-environment jsdom
 */
import { describe, expect, test } from '@jest/globals';

// The preset leaves testEnvironment alone, and its setup file loads no store driver in a file that
// uses no store: pg alone would fail to load here (jsdom has no TextEncoder), failing the file.
describe('a jsdom test file in a project using the fixtures', () => {
  test('keeps its DOM', () => {
    document.body.innerHTML = '<button id="buy">Buy</button>';
    expect(document.getElementById('buy')?.textContent).toBe('Buy');
    expect(typeof window.TextEncoder).toBe('undefined');
  });
});

/**
 * The grid's rows, virtualized: only those in view (and a few either side)
 * are rendered. Tables taller than the browser can lay out scroll through a
 * shorter body, and the layer of rows is moved with the scroll position
 * (see scroll-scale.ts).
 */
import { useRef, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { HEADER_HEIGHT, ROW_HEIGHT, ROW_OVERSCAN } from './grid-geometry';
import { layerOffset, rowWindow, scrollGeometry } from './scroll-scale';

export function useGridRows(scrollRef: RefObject<HTMLDivElement | null>, rowCount: number, height: number, maxScrollHeight: number) {
  // Tables taller than the browser can lay out scroll through a shorter body (see scroll-scale.ts).
  const geometry = scrollGeometry(rowCount, ROW_HEIGHT, HEADER_HEIGHT, maxScrollHeight, ROW_OVERSCAN);
  const { scaled, bodyHeight } = geometry;
  const layerRef = useRef<HTMLDivElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => (scaled ? bodyHeight / rowCount : ROW_HEIGHT),
    overscan: ROW_OVERSCAN,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: { width: 960, height },
    ...(scaled
      ? {
          rangeExtractor: () => {
            const element = scrollRef.current;
            const w = rowWindow(geometry, element?.scrollTop ?? 0, element?.clientHeight ?? height);
            const indexes: number[] = [];
            for (let i = w.start; i <= w.end; i++) indexes.push(i);
            return indexes;
          },
        }
      : {}),
  });

  /** Keep the row layer in step with the scroll position between renders. */
  const placeLayer = () => {
    const element = scrollRef.current;
    const layer = layerRef.current;
    if (!scaled || !element || !layer) return;
    const w = rowWindow(geometry, element.scrollTop, element.clientHeight);
    const base = Number(layer.dataset.base ?? 0);
    layer.style.transform = `translateY(${layerOffset(geometry, base, w.first)}px)`;
  };
  return { geometry, rows, layerRef, placeLayer };
}

/**
 * The service's table metadata for the schema browser and the editor's
 * completion: the tableset (TAP 1.1 `detail=min` first; the full document at
 * once when the service is small), then one table at a time as needed. Where
 * VOSI /tables is missing, fails or is unreadable, the same from TAP_SCHEMA.
 * A large service is searched on the service (TAP_SCHEMA queries).
 */
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getServiceClient, jobKeys, type ServiceKeySource } from '../../../api';
import type { ServiceConfig } from '../../../lib/services';
import { getTable, type TapSchema, type TapTable } from '../../../protocol/tap';
import { searchTapSchema, searchWords } from '../../../protocol/tap/schema-search';
import { getTablesetOffThread } from '../../../protocol/tap/tableset-off-thread';
import { getTapSchemaTable, getTapSchemaTableset } from '../../../protocol/tap/tap-schema';
import { isPermanent } from '../../../protocol/http/errors';

/** Up to this many tables, the full tableset (with columns) is read in one request. */
export const SMALL_TABLESET = 300;

export const schemaKeys = {
  tableset: (service: ServiceKeySource) => [...jobKeys.service(service), 'tables'] as const,
  table: (service: ServiceKeySource, table: Pick<TapTable, 'name' | 'schema'>, source: 'vosi' | 'tap-schema' = 'vosi') =>
    [...jobKeys.service(service), 'tables', table.name, table.schema ?? null, source] as const,
  search: (service: ServiceKeySource, words: readonly string[]) => [...jobKeys.service(service), 'tables-search', ...words] as const,
};

export interface Tableset {
  schemas: TapSchema[];
  /** Where the metadata came from: VOSI /tables, or TAP_SCHEMA when /tables could not be read. */
  source: 'vosi' | 'tap-schema';
  /** The service gave only part of its table list. */
  truncated: boolean;
}

/** Hits shown per kind (tables, columns) by a search on the service. */
export const SEARCH_LIMIT = 200;

const retry = (failures: number, error: unknown) => !isPermanent(error) && failures < 2;

async function readVosi(service: ServiceConfig, signal: AbortSignal): Promise<TapSchema[]> {
  const { transport } = getServiceClient(service);
  // A VizieR-sized list of tables is read in a worker: the page does not freeze for it.
  const min = await getTablesetOffThread(service.tapUrl, transport, { signal, min: true });
  const tables = min.flatMap((s) => s.tables);
  if (tables.length > SMALL_TABLESET || tables.every((t) => t.columns !== null)) return min;
  try {
    return await getTablesetOffThread(service.tapUrl, transport, { signal });
  } catch {
    // The names alone still serve; columns come one table at a time.
    return min;
  }
}

export function tablesetQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: schemaKeys.tableset(service),
    queryFn: async ({ signal }): Promise<Tableset> => {
      try {
        const schemas = await readVosi(service, signal);
        // An empty tableset says nothing: TAP_SCHEMA may still list the tables.
        if (schemas.some((s) => s.tables.length > 0)) return { schemas, source: 'vosi', truncated: false };
      } catch (error) {
        if (signal.aborted) throw error;
      }
      const read = await getTapSchemaTableset(service.tapUrl, getServiceClient(service).transport, { signal, columnsUpTo: SMALL_TABLESET });
      return { ...read, source: 'tap-schema' };
    },
    retry,
    staleTime: 60 * 60 * 1000,
  });
}

export function tableQueryOptions(service: ServiceConfig, table: TapTable, source: Tableset['source']) {
  return queryOptions({
    queryKey: schemaKeys.table(service, table, source),
    queryFn: async ({ signal }) => {
      const { transport } = getServiceClient(service);
      if (source === 'tap-schema') return getTapSchemaTable(service.tapUrl, transport, table, { signal });
      try {
        return await getTable(service.tapUrl, transport, table, { signal });
      } catch (error) {
        if (signal.aborted) throw error;
        // Some services list their tables but cannot give one alone: TAP_SCHEMA can.
        try {
          return await getTapSchemaTable(service.tapUrl, transport, table, { signal });
        } catch {
          throw error;
        }
      }
    },
    retry,
    staleTime: 60 * 60 * 1000,
  });
}

/** A search of the service's TAP_SCHEMA (for a service too large to hold every column here). */
export function schemaSearchQueryOptions(service: ServiceConfig, term: string) {
  const words = searchWords(term);
  return queryOptions({
    queryKey: schemaKeys.search(service, words),
    queryFn: ({ signal }) => searchTapSchema(service.tapUrl, getServiceClient(service).transport, words.join(' '), { signal, limit: SEARCH_LIMIT }),
    enabled: words.length > 0,
    retry,
    staleTime: 10 * 60 * 1000,
  });
}

/** Names of tables a query mentions after FROM or JOIN (schema-qualified or not). */
export function tablesInQuery(query: string): string[] {
  const names = new Set<string>();
  for (const m of query.matchAll(/\b(?:from|join)\s+((?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))*)/gi)) {
    names.add(m[1]!.replace(/"/g, '').toLowerCase());
  }
  for (const m of query.matchAll(/,\s*((?:[A-Za-z_][\w$]*)\.(?:[A-Za-z_][\w$]*))(?:\s+(?:as\s+)?[A-Za-z_]\w*)?/gi)) names.add(m[1]!.toLowerCase());
  return [...names];
}

/**
 * The metadata as far as it is read: the tableset, with the columns of each
 * table that is open in the browser or named in the query filled in.
 */
export function useSchemaMetadata(service: ServiceConfig, wanted: readonly string[]) {
  const tableset = useQuery(tablesetQueryOptions(service));
  const byName = useMemo(() => {
    const map = new Map<string, TapTable>();
    for (const schema of tableset.data?.schemas ?? []) for (const table of schema.tables) map.set(table.name.toLowerCase(), table);
    return map;
  }, [tableset.data]);
  const missing = [...new Set(wanted.map((n) => n.toLowerCase()))].map((n) => byName.get(n)).filter((t): t is TapTable => !!t && t.columns === null);
  const details = useQueries({
    queries: missing.map((table) => tableQueryOptions(service, table, tableset.data?.source ?? 'vosi')),
  });
  const loaded = details.map((d) => d.data).filter((t): t is TapTable => !!t);
  const loadedKey = loaded.map((t) => t.name).join('\n');
  const schemas = useMemo<TapSchema[]>(() => {
    if (!tableset.data) return [];
    if (loaded.length === 0) return tableset.data.schemas;
    const read = new Map(loaded.map((t) => [t.name.toLowerCase(), t]));
    return tableset.data.schemas.map((schema) => ({
      ...schema,
      tables: schema.tables.map((t) => (t.columns === null ? (read.get(t.name.toLowerCase()) ?? t) : t)),
    }));
    // loadedKey stands for `loaded`, which is a new array on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tableset.data, loadedKey]);
  const loadingTables = new Set(missing.filter((_, i) => details[i]?.isPending).map((t) => t.name.toLowerCase()));
  return { tableset, schemas, byName, loadingTables };
}

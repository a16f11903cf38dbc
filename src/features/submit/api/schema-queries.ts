/**
 * The service's table metadata for the schema browser and the editor's
 * completion: the tableset (TAP 1.1 `detail=min` first; the full document at
 * once when the service is small), then one table at a time as needed.
 */
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getServiceClient, jobKeys, type ServiceKeySource } from '../../../api';
import type { ServiceConfig } from '../../../lib/services';
import { getTable, getTableset, type TapSchema, type TapTable } from '../../../protocol/tap';
import { isPermanent } from '../../../protocol/http/errors';

/** Up to this many tables, the full tableset (with columns) is read in one request. */
export const SMALL_TABLESET = 300;

export const schemaKeys = {
  tableset: (service: ServiceKeySource) => [...jobKeys.service(service), 'tables'] as const,
  table: (service: ServiceKeySource, table: Pick<TapTable, 'name' | 'schema'>) => [...jobKeys.service(service), 'tables', table.name, table.schema ?? null] as const,
};

const retry = (failures: number, error: unknown) => !isPermanent(error) && failures < 2;

export function tablesetQueryOptions(service: ServiceConfig) {
  return queryOptions({
    queryKey: schemaKeys.tableset(service),
    queryFn: async ({ signal }) => {
      const { transport } = getServiceClient(service);
      const min = await getTableset(service.tapUrl, transport, { signal, min: true });
      const tables = min.flatMap((s) => s.tables);
      if (tables.length > SMALL_TABLESET || tables.every((t) => t.columns !== null)) return min;
      try {
        return await getTableset(service.tapUrl, transport, { signal });
      } catch {
        // The names alone still serve; columns come one table at a time.
        return min;
      }
    },
    retry,
    staleTime: 60 * 60 * 1000,
  });
}

export function tableQueryOptions(service: ServiceConfig, table: Pick<TapTable, 'name' | 'schema'>) {
  return queryOptions({
    queryKey: schemaKeys.table(service, table),
    queryFn: ({ signal }) => getTable(service.tapUrl, getServiceClient(service).transport, table, { signal }),
    retry,
    staleTime: 60 * 60 * 1000,
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
    for (const schema of tableset.data ?? []) for (const table of schema.tables) map.set(table.name.toLowerCase(), table);
    return map;
  }, [tableset.data]);
  const missing = [...new Set(wanted.map((n) => n.toLowerCase()))].map((n) => byName.get(n)).filter((t): t is TapTable => !!t && t.columns === null);
  const details = useQueries({
    queries: missing.map((table) => tableQueryOptions(service, table)),
  });
  const loaded = details.map((d) => d.data).filter((t): t is TapTable => !!t);
  const loadedKey = loaded.map((t) => t.name).join('\n');
  const schemas = useMemo<TapSchema[]>(() => {
    if (!tableset.data) return [];
    if (loaded.length === 0) return tableset.data;
    const read = new Map(loaded.map((t) => [t.name.toLowerCase(), t]));
    return tableset.data.map((schema) => ({
      ...schema,
      tables: schema.tables.map((t) => (t.columns === null ? (read.get(t.name.toLowerCase()) ?? t) : t)),
    }));
    // loadedKey stands for `loaded`, which is a new array on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tableset.data, loadedKey]);
  const loadingTables = new Set(missing.filter((_, i) => details[i]?.isPending).map((t) => t.name.toLowerCase()));
  return { tableset, schemas, loadingTables };
}

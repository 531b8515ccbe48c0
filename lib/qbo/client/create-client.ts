// Assembles a QboClient for one company (realm) from the transport and the operation modules.
import { runBatch } from "./batch";
import { changedSince } from "./cdc";
import { createEntity, deleteEntity, readEntity, updateEntity, voidEntity } from "./crud";
import { invalidArgument } from "./qbo-error";
import { countEntity, queryAll, queryOnce, queryPages } from "./query";
import { readCompanyInfo, readExchangeRate, readPreferences } from "./settings";
import { createTransport } from "./transport";
import type { QboClient, QboClientOptions } from "./types";

export function createQboClient(options: QboClientOptions): QboClient {
  if (!options.realmId) throw invalidArgument("A QuickBooks client needs the company's realmId", "realmId");
  if (!URL.canParse(options.baseUrl)) throw invalidArgument("baseUrl must be an absolute URL", "baseUrl");
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) throw invalidArgument("timeoutMs must be a positive number of milliseconds", "timeoutMs");
  const transport = createTransport(options);
  return {
    realmId: options.realmId,
    create: (entity, body, writeOptions) => createEntity(transport, entity, body, writeOptions),
    read: (entity, id) => readEntity(transport, entity, id),
    update: (entity, body, writeOptions) => updateEntity(transport, entity, body, writeOptions),
    delete: (entity, key, writeOptions) => deleteEntity(transport, entity, key, writeOptions),
    void: (entity, key, writeOptions) => voidEntity(transport, entity, key, writeOptions),
    query: (statement) => queryOnce(transport, statement),
    queryPages: (entity, queryOptions) => queryPages(transport, entity, queryOptions),
    queryAll: (entity, queryOptions) => queryAll(transport, entity, queryOptions),
    count: (entity, where) => countEntity(transport, entity, where),
    batch: (items) => runBatch(transport, items),
    cdc: (entities, since) => changedSince(transport, entities, since),
    exchangeRate: (sourceCurrency, asOfDate) => readExchangeRate(transport, sourceCurrency, asOfDate),
    companyInfo: () => readCompanyInfo(transport, options.realmId),
    preferences: () => readPreferences(transport),
  };
}

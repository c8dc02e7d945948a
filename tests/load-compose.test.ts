/**
 * docker-compose.yml, checked statically (no Docker engine runs here): Neo4j 5 community
 * with APOC, ports on loopback only, the password required from the environment, a data
 * volume, ./out as the import folder, APOC file import enabled and a healthcheck.
 */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const compose = parse(readFileSync(join(import.meta.dirname, '..', 'docker-compose.yml'), 'utf8'));
const neo4j = compose.services.neo4j;

test('Neo4j 5 community image with the APOC plugin and file import enabled', () => {
  expect(neo4j.image).toMatch(/^neo4j:5(\.\d+)*-community$/);
  expect(JSON.parse(neo4j.environment.NEO4J_PLUGINS)).toEqual(['apoc']);
  expect(neo4j.environment.NEO4J_apoc_import_file_enabled).toBe('true');
});

test('ports 7474 and 7687 are bound to 127.0.0.1 only', () => {
  expect(neo4j.ports).toEqual(['127.0.0.1:7474:7474', '127.0.0.1:7687:7687']);
});

test('auth comes from NEO4J_PASSWORD, required, never a literal password', () => {
  expect(neo4j.environment.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?[^}]+\}$/);
});

test('a named data volume and ./out mounted as the import folder', () => {
  expect(neo4j.volumes).toEqual(['neo4j-data:/data', './out:/var/lib/neo4j/import']);
  expect(Object.keys(compose.volumes)).toEqual(['neo4j-data']);
});

test('a healthcheck that runs a query', () => {
  expect(neo4j.healthcheck.test[0]).toBe('CMD-SHELL');
  expect(neo4j.healthcheck.test[1]).toContain("cypher-shell -u neo4j -p \"$${NEO4J_AUTH#neo4j/}\" 'RETURN 1'");
  expect(neo4j.healthcheck.retries).toBeGreaterThan(0);
});

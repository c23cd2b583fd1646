/** AsyncAPI documents read for their page (src/apis/asyncapi.ts): 3.0 and 2.x, local references only. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readAsyncApi, type AsyncApiDoc } from '../../src/apis/asyncapi.ts';
import { repoRoot } from './helpers.ts';

const read = (text: string) => {
	const doc = readAsyncApi(text);
	assert.ok(!('problem' in doc), 'problem' in doc ? doc.problem : '');
	return doc as AsyncApiDoc;
};

test('3.0: the example handbook\'s usage events — servers, channels, operations on their channel, messages resolved', () => {
	const doc = read(readFileSync(join(repoRoot, 'content', 'apis', 'gsv-usage-events.yaml'), 'utf8'));
	assert.equal(doc.asyncapi, '3.0.0');
	assert.equal(doc.title, 'GSV usage events');
	assert.deepEqual(doc.servers.map((s) => `${s.name} ${s.protocol}`), ['redis redis']);
	assert.deepEqual(doc.channels.map((c) => `${c.address}: ${c.operations.map((o) => `${o.action} ${o.id}`).join(', ')} / ${c.messages.map((m) => m.name).join(', ')}`), [
		'gsv:usage: send recordUsage, receive reconcileUsage / UsageRecorded',
		'gsv:quota-exceeded: send signalQuotaExceeded / QuotaExceeded',
	]);
	assert.match(doc.channels[0]!.messages[0]!.payload!, /"invocationId"/);
});

test('2.x: publish and subscribe on the channel, a oneOf of messages', () => {
	const doc = read(`asyncapi: 2.6.0
info: { title: Orders, version: "1" }
channels:
  orders/created:
    subscribe:
      operationId: onOrderCreated
      message:
        oneOf:
          - $ref: '#/components/messages/Created'
          - { name: Legacy, payload: { type: string } }
components:
  messages:
    Created: { name: Created, payload: { type: object } }
`);
	assert.deepEqual(doc.channels.map((c) => [c.address, c.operations.map((o) => `${o.action} ${o.id} ${o.messages.map((m) => m.name).join('+')}`)]), [['orders/created', ['subscribe onOrderCreated Created+Legacy']]]);
});

test('nothing outside the document is followed, a reference loop ends, and a non-AsyncAPI file says so', () => {
	const doc = read(`asyncapi: 3.0.0
info: { title: T }
channels:
  a:
    messages:
      m: { $ref: 'https://evil.example.com/x.yaml' }
      loop: { $ref: '#/components/messages/L' }
components:
  messages:
    L: { $ref: '#/components/messages/L' }
`);
	assert.deepEqual(doc.channels[0]!.messages.map((m) => m.name), ['x.yaml', 'L']);
	assert.deepEqual(readAsyncApi('openapi: 3.1.0\n'), { problem: 'no "asyncapi:" version at its top level' });
	assert.deepEqual(readAsyncApi('a: *x\n'), { problem: 'not valid YAML or JSON' });
});

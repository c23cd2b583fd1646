/**
 * A short YAML example of every kind, shown on the model reference page. Each one is parsed and
 * validated against its kind's schema by tests/unit/reference.test.ts, so they stay correct.
 */
import type { KindName } from './kinds.ts';

export const examples: Record<KindName, string> = {
	systems: `id: shop
name: Shop
summary: Takes orders from customers and keeps them.
owner: platform
domain: Commerce
links:
  - type: docs
    title: Shop architecture notes
    url: https://docs.example.com/shop
`,

	teams: `id: payments
name: Payments
chat:
  channel: "#payments"
email: payments@example.com
members:
  - name: Maria Lopez
    role: Lead
    chat: "@maria"
onCall:
  rotation: Payments primary
  schedule: weekly, Monday 09:00 UTC, 24/7
  tool: pagerduty
  pager: https://example.pagerduty.com/schedules/PAYMENTS
escalation:
  - level: 1
    who: Payments primary on-call
    after: "0"
  - level: 2
    who: Payments lead
    after: 15m
`,

	services: `id: checkout-api
name: Checkout API
summary: Takes payment for a basket and creates the order.
system: shop
owner: payments
tier: 1
lifecycle: production
kind: service
environments:
  - name: production
    replicas: 3
    region: eu-west-1
dependencies:
  - service: orders-db
    type: hard
    reason: Stores the orders.
    onFailure: Checkout fails with an error page.
recovery:
  rto: 1h
  rpo: "0"
  stateless: true
slos:
  - name: Checkout availability
    indicator: availability
    target: 99.9
    window: 30d
alerts:
  - name: CheckoutApiDown
    severity: critical
    summary: No healthy checkout-api instance for 2 minutes.
    for: 2m
    runbook: checkout-api-down
dataClassification: confidential
lastReviewed: 2026-10-01
`,

	runbooks: `id: checkout-api-down
title: Checkout API is down
kind: incident
services: [checkout-api]
summary: Use when CheckoutApiDown fires or customers cannot pay.
triggers:
  alerts: [CheckoutApiDown]
  symptoms: [Customers see "Payment failed" at checkout]
severity: sev1
steps:
  - title: Check the pods
    command: kubectl -n shop get pods -l app=checkout-api
    expected: Every pod is Running and Ready.
  - title: Restart the deployment
    command: kubectl -n shop rollout restart deployment/checkout-api
verification:
  - CheckoutApiDown resolves.
owner: payments
escalation:
  - team: payments
    after: 30m
  - team: platform
    level: 2
    when: The pods are healthy but requests still fail.
    reason: They run the cluster and its ingress.
lastTested: 2026-09-20
`,

	trees: `id: checkout-errors
title: Checkout shows an error
services: [checkout-api]
symptom: Customers see "Payment failed" at checkout.
start: health
nodes:
  - id: health
    kind: check
    question: Does the checkout-api health endpoint answer?
    command: curl -fsS https://checkout.example.com/healthz
    answers:
      - label: "No"
        runbook: checkout-api-down
      - label: "Yes"
        next: card-provider
  - id: card-provider
    question: Does the card provider's status page report an outage?
    answers:
      - label: "Yes"
        resolution: Post the provider's status link in the incident channel and wait it out.
      - label: "No"
        escalate: payments
        level: 2
        reason: The cause is in checkout-api itself; its owners read the traces.
lastReviewed: 2026-10-01
`,

	reviews: `id: 2026-10-03-checkout-down
title: Checkout down after a certificate expired
date: 2026-10-03
severity: sev1
services: [checkout-api]
summary: The TLS certificate of the card provider's endpoint rotated and our pinned copy expired; checkout failed for 47 minutes until the pin was updated.
started: 2026-10-03T09:12:00Z
detected: 4m
acknowledged: 2026-10-03T09:19:00Z
mitigated: 2026-10-03T09:59:00Z
resolved: 2026-10-03T10:20:00Z
timeline:
  - at: 2026-10-03T09:16:00Z
    what: CheckoutApiDown fires; the payments on-call is paged.
  - at: 2026-10-03T09:59:00Z
    what: New pin deployed; payments succeed again.
impact: |
  Every checkout failed for 47 minutes: about 1,900 orders lost, 0.07 % of the month's error budget.
usersAffected: every customer who tried to pay
rootCauses:
  - The provider's certificate was pinned in our config with no alert before its expiry.
contributingFactors:
  - The error message named a TLS failure, not the provider, so the first 20 minutes went to our ingress.
wentWell: [The alert paged within 4 minutes.]
wentBadly: [Nobody knew the pin existed.]
actions:
  - title: Alert 30 days before any pinned certificate expires
    owner: payments
    due: 2026-11-15
    status: done
    issue: PAY-412
    url: https://tracker.example.com/PAY-412
  - title: Remove certificate pinning for the card provider
    owner: payments
    due: 2027-01-31
    status: in-progress
symptoms: [Customers see "Payment failed" at checkout]
errors: ["x509: certificate has expired or is not yet valid"]
alerts: [CheckoutApiDown]
runbooks: [checkout-api-down]
published: 2026-10-07
lastUpdated: 2026-11-16
`,

	controls: `id: soc2-cc7-4
framework: soc2
control: CC7.4
title: Incidents are responded to with a tested plan
description: Security and operational incidents follow the incident-management policy; the runbooks for the critical services are drilled.
owner: platform
status: implemented
evidence:
  runbooks: [checkout-api-down]
  backups: [orders-db]
  reviews: [2026-10-03-checkout-down]
  incidentManagement: true
  securityPlan: true
  playbooks: [secret-exposure]
  documents:
    - title: Incident response policy (signed)
      url: https://docs.example.com/policies/incident-response
lastReviewed: 2026-10-15
`,

	security: `title: Security incident response plan
summary: How we detect, contain and recover from security incidents.
owner: platform
lastReviewed: 2026-10-01
severities:
  - level: critical
    criteria: [Customer data is exposed.]
    responseTime: 15m
    notify: [Page the platform on-call, Email the CTO]
roles:
  - name: Incident lead
    who: Platform on-call
    responsibilities: [Runs the response]
phases:
  - phase: detection-and-analysis
    csf: [detect]
    steps: [Confirm the incident and set its severity.]
playbooks:
  - id: secret-exposure
    title: Secret exposed
    type: secret-exposure
    severity: high
    indicators: [A credential appears in a repository, log or chat.]
    detection: [Find what the credential grants and when it was exposed.]
    containment: [Revoke the credential.]
    eradication: [Remove it from history and find how it leaked.]
    recovery: [Issue a new credential and deploy it.]
evidence:
  principles: [Copy before you change, and hash every copy.]
  sources: [Load balancer logs]
  retention: 365d
notifications:
  - audience: Data protection authority
    when: Personal data is breached.
    deadline: 72h
    deadlineFrom: from awareness
    regulation: GDPR art. 33
    owner: Data protection officer
`,

	incident: `summary: Anyone may declare an incident; the owning team's on-call engineer leads it.
severities:
  - level: sev1
    name: Critical
    criteria: [Customers cannot pay.]
    responseTime: 5m
    updateEvery: 30m
    page: true
    review: true
    commander: Incident commander on call
    notify: ["#incidents", Leadership by e-mail]
    resolutionTarget: 4h
    escalation:
      - level: 1
        who: On-call engineer of the owning team and the incident commander
        after: "0"
      - level: 2
        who: CTO
        after: 1h
escalation:
  - level: 1
    who: On-call engineer of the owning team
    after: "0"
  - level: 2
    who: Engineering manager on duty
    after: 30m
roles:
  - name: Incident commander
    responsibilities: [Coordinates the response]
templates:
  - id: status-update
    title: Status update
    when: Every update interval during an incident.
    channel: "#incidents"
    body: "Impact: {impact}. Next update at {time}."
postIncidentReview:
  within: 5d
  owner: Incident commander
  steps: [Write the timeline, Agree actions with owners]
`,

	policy: `tiers:
  "1": [owner, on-call, escalation, availability-slo, rto, rpo, incident-runbook, dr-runbook, review]
  "2": [owner, on-call, availability-slo, rto, review]
  "3": [owner, review]
  "4": [owner]
freshness:
  review: 180d
  restoreTest: 90d
  runbookTest: 180d
  treeReview: 180d
minReplicas: 2
waivers:
  - service: legacy-reports
    requirement: dr-runbook
    reason: Being replaced by the new reporting service this quarter.
    approver: Head of Engineering
    expires: 2026-12-31
`,
};

/** Further examples for fields the main one cannot show naturally; validated by the same test. */
export const moreExamples: Partial<Record<KindName, { title: string; yaml: string }[]>> = {
	services: [
		{
			title: 'An external service and its vendor',
			yaml: `id: card-provider
name: Card provider
summary: Authorises and captures card payments for checkout.
system: shop
owner: payments
tier: 1
lifecycle: production
kind: external
vendor:
  name: Acme Payments
  contract: Enterprise plan, contract C-2025-114
  support:
    url: https://support.acme-payments.example
    phone: +44 20 7946 0000
    hours: 24/7 for outages, business hours otherwise
  statusPage: https://status.acme-payments.example
  sla: 99.95 % monthly API availability; credits on request within 30 days.
recovery:
  rto: 4h
  stateless: true
dataClassification: restricted
`,
		},
		{
			title: 'A deprecated service, its sunset and its replacement',
			yaml: `id: legacy-reports
name: Legacy reports
summary: Mails the nightly sales report as a PDF.
system: shop
owner: payments
tier: 3
lifecycle: deprecated
sunset: 2027-03-31
replacement: reporting-api
kind: service
recovery:
  rto: 1d
  rpo: 1d
  backup:
    method: Nightly pg_dump of the reports schema
    schedule: daily 03:00 UTC
    retention: 7 daily, 4 weekly, 12 monthly
    location: s3://shop-backups/reports
dataClassification: internal
`,
		},
		{
			title: 'A database and its data inventory',
			yaml: `id: orders-db
name: Orders database
summary: PostgreSQL holding customers, orders and payments.
system: shop
owner: payments
tier: 1
lifecycle: production
kind: database
recovery:
  rto: 1h
  rpo: 5m
dataClassification: restricted
data:
  - name: Customer accounts
    categories: [customer-pii, credentials]
    classification: restricted
    residency: [eu-west-1, eu-central-1]
    retention: while the account exists, then 30 days
    encryption:
      atRest: { enabled: true, how: "RDS storage encryption, KMS key alias/orders-db" }
      inTransit: { enabled: true, how: TLS 1.2+ enforced (rds.force_ssl) }
    exportRunbook: customer-data-export
    erasureRunbook: customer-data-erasure
    legalBasis: "GDPR art. 6(1)(b): performance of the contract"
  - name: Orders
    categories: [orders, payment]
    classification: confidential
    residency: [eu-west-1]
    retention: 10y
impact:
  maxTolerableDowntime: 2h    # stricter than the shop's 4h: no order can be taken without it
`,
		},
	],
	systems: [
		{
			title: 'A business impact analysis and access',
			yaml: `id: shop
name: Shop
summary: Takes orders from customers and keeps them.
owner: platform
impact:
  dependents:
    - who: Online customers
      type: customers
      impact: Cannot place or track orders.
    - who: Customer support
      type: internal
      team: support
      impact: Cannot look up orders; answers by hand from the daily export.
  outage: |
    No orders are taken. Revenue stops; customers go elsewhere after about an hour.
  costPerHour: { amount: 12000, currency: EUR }
  maxTolerableDowntime: 4h
  workaround: Put the maintenance page up and take phone orders on paper forms.
access:
  roles:
    - name: Shop operator
      grants: Restart, scale and read logs of the shop services.
      grantedBy: platform
      mfa: true
      request: shop-access
      expires: 90d
    - name: Database administrator
      grants: Restore and modify the orders database.
      grantedBy: payments
      mfa: true
      request: shop-access
      expires: 30d
  breakGlass: shop-break-glass
  recertifyEvery: 90d
  lastRecertified: 2026-10-01
  onboarding:
    - Join \`#shop\` and the on-call calendar
    - Request the Shop operator role (shop-access)
  offboarding:
    - Remove every role the person holds
    - Rotate the secrets they could read
`,
		},
	],
};

import os, shutil
ROOT = '/work/main/tests/fixtures/broken'
TEAM = '''id: platform
name: Platform
chat:
  channel: "#platform"
'''
SYSTEM = '''id: core
name: Core
summary: The core system.
owner: platform
'''
SERVICE = '''id: api
name: API
summary: Serves the public API.
kind: service
tier: 2
lifecycle: production
system: core
owner: platform
dataClassification: internal
'''
def svc(id='api', extra='', **kw):
    s = SERVICE.replace('id: api', f'id: {id}').replace('name: API', f'name: {id.upper()}')
    for k, v in kw.items():
        s = s.replace(f'{k}: ', f'{k}: {v}\n#', 1) if False else s
    return s + extra
base = {'teams/platform.yaml': TEAM, 'systems/core.yaml': SYSTEM}

cases = {}
def case(name, files, with_base=True):
    d = dict(base) if with_base else {}
    d.update(files)
    cases[name] = d

# ---- shape layer
case('unknown-field', {'teams/platform.yaml': TEAM + 'emial: platform@example.com\n'}, with_base=False)
case('unknown-field-no-guess', {'teams/platform.yaml': TEAM + 'colour: blue\n'}, with_base=False)
case('missing-required-field', {'teams/platform.yaml': 'id: platform\nchat:\n  channel: "#platform"\n'}, with_base=False)
case('missing-nested-field', {'teams/platform.yaml': TEAM + '''onCall:
  rotation: Platform primary
  schedule: weekly
  tool: pagerduty
'''}, with_base=False)
case('bad-enum', {'services/api.yaml': SERVICE.replace('lifecycle: production', 'lifecycle: prod')})
case('bad-duration', {'teams/platform.yaml': TEAM + '''escalation:
  - level: 1
    who: Platform on-call
    after: "0"
  - level: 2
    who: Platform lead
    after: 15 minutes
'''}, with_base=False)
case('bad-date', {'services/api.yaml': SERVICE + 'lastReviewed: 2026-13-01\n'})
case('bad-percent', {'services/api.yaml': SERVICE + '''slos:
  - name: Availability
    indicator: availability
    target: 99.9%
    window: 30d
'''})
case('bad-tier', {'services/api.yaml': SERVICE.replace('tier: 2', 'tier: critical')})
case('bad-id', {'teams/platform.yaml': TEAM.replace('id: platform', 'id: Platform_Team')}, with_base=False)
case('wrong-type-list', {'services/api.yaml': SERVICE + 'tags: frontend\n'})
# ---- model layer
case('unknown-owner', {'services/api.yaml': SERVICE.replace('owner: platform', 'owner: platfrom')})
case('unknown-system', {'services/api.yaml': SERVICE.replace('system: core', 'system: cor')})
case('unknown-service', {'services/api.yaml': SERVICE + '''dependencies:
  - service: postgress
    type: hard
    reason: Stores accounts.
    onFailure: Every request fails.
''', 'services/postgres.yaml': SERVICE.replace('id: api', 'id: postgres').replace('name: API', 'name: Postgres').replace('kind: service', 'kind: database')})
case('unknown-runbook', {'services/api.yaml': SERVICE + '''alerts:
  - name: ApiDown
    severity: critical
    summary: No healthy instance.
    runbook: api-dwon
''', 'runbooks/api-down.yaml': '''id: api-down
title: API is down
kind: incident
services: [api]
summary: Use when the API does not answer.
steps:
  - title: Restart it
'''})
case('duplicate-id', {'teams/platform.yaml': TEAM, 'teams/archive/platform.yaml': TEAM.replace('name: Platform', 'name: Platform (old)')}, with_base=False)
case('duplicate-dependency', {'services/api.yaml': SERVICE + '''dependencies:
  - service: db
    type: hard
    reason: Stores accounts.
    onFailure: Every request fails.
  - service: db
    type: soft
    reason: Reports.
    onFailure: Reports are late.
''', 'services/db.yaml': SERVICE.replace('id: api', 'id: db').replace('name: API', 'name: DB').replace('kind: service', 'kind: database')})
case('self-dependency', {'services/api.yaml': SERVICE + '''dependencies:
  - service: api
    type: hard
    reason: Calls itself.
    onFailure: Nothing works.
'''})
case('latency-slo-without-threshold', {'services/api.yaml': SERVICE + '''slos:
  - name: Latency
    indicator: latency
    target: 99
    percentile: 95
    window: 30d
'''})
case('threshold-on-availability-slo', {'services/api.yaml': SERVICE + '''slos:
  - name: Availability
    indicator: availability
    target: 99.9
    threshold: 200ms
    window: 30d
'''})
case('missing-rpo', {'services/api.yaml': SERVICE + '''recovery:
  rto: 1h
'''})
case('duplicate-alert', {'services/api.yaml': SERVICE + '''alerts:
  - name: HighErrorRate
    severity: critical
    summary: More than 5 % of requests fail.
''', 'services/web.yaml': SERVICE.replace('id: api', 'id: web').replace('name: API', 'name: Web') + '''alerts:
  - name: HighErrorRate
    severity: warning
    summary: More than 1 % of pages fail.
''', 'runbooks/high-error-rate.yaml': '''id: high-error-rate
title: High error rate
kind: incident
services: [api, web]
summary: Use when HighErrorRate fires.
triggers:
  alerts: [HighErrorRate]
steps:
  - title: Find the failing endpoint
'''})
case('spec-path-escape', {'services/api.yaml': SERVICE + '''apis:
  - id: public
    name: Public API
    spec: ../../etc/passwd
'''})
case('spec-missing', {'services/api.yaml': SERVICE + '''apis:
  - id: public
    name: Public API
    spec: apis/public.yaml
'''})
case('credential', {'teams/platform.yaml': TEAM + '''description: |
  Deploys use the key AKIAIOSFODNN7EXAMPLE from the shared account.
'''}, with_base=False)
TREE_HEAD = '''id: api-errors
title: The API returns errors
services: [api]
symptom: Clients get HTTP 500.
start: health
nodes:
'''
def tree_case(name, nodes):
    case(name, {'services/api.yaml': SERVICE, 'trees/api-errors.yaml': TREE_HEAD + nodes})
tree_case('tree-unreachable', '''  - id: health
    question: Does /healthz answer?
    answers:
      - label: "No"
        escalate: platform
  - id: logs
    question: Do the logs show a stack trace?
    answers:
      - label: "Yes"
        resolution: Roll back the last deploy.
''')
tree_case('tree-cycle', '''  - id: health
    question: Does /healthz answer?
    answers:
      - label: "No"
        next: logs
  - id: logs
    question: Do the logs show a stack trace?
    answers:
      - label: "Yes"
        resolution: Roll back the last deploy.
      - label: "No"
        next: health
''')
tree_case('tree-dead-end', '''  - id: health
    question: Does /healthz answer?
    answers:
      - label: "No"
        next: logs
  - id: logs
    question: Do the logs show a stack trace?
''')
tree_case('tree-answer-two-targets', '''  - id: health
    question: Does /healthz answer?
    answers:
      - label: "No"
        resolution: Restart the pods.
        escalate: platform
''')
tree_case('tree-unknown-start', '''  - id: health
    question: Does /healthz answer?
    answers:
      - label: "No"
        escalate: platform
'''.replace('', ''))
# fix start for unknown-start
cases['tree-unknown-start']['trees/api-errors.yaml'] = cases['tree-unknown-start']['trees/api-errors.yaml'].replace('start: health', 'start: heath')
case('runbook-severity-not-in-matrix', {'services/api.yaml': SERVICE, 'runbooks/api-down.yaml': '''id: api-down
title: API is down
kind: incident
services: [api]
summary: Use when the API does not answer.
severity: sev3
steps:
  - title: Restart it
''', 'incident-management.yaml': '''summary: The on-call engineer of the owning team leads.
severities:
  - level: sev1
    name: Critical
    criteria: [Customers cannot use the product.]
    responseTime: 5m
    updateEvery: 30m
    page: true
    review: true
  - level: sev2
    name: Major
    criteria: [A feature is degraded.]
    responseTime: 15m
    updateEvery: 1h
    page: true
    review: true
escalation:
  - level: 1
    who: On-call engineer
    after: "0"
roles:
  - name: Incident commander
    responsibilities: [Leads the response.]
postIncidentReview:
  within: 5d
  owner: Incident commander
  steps: [Write the timeline.]
'''})
PLAYBOOK = '''  - id: {t}
    title: {t}
    type: {t}
    severity: high
    indicators: [An alert fires.]
    containment: [Revoke access.]
    eradication: [Remove the cause.]
    recovery: [Restore service.]
'''
case('security-plan-missing-playbooks', {'security-response-plan.yaml': '''title: Security incident response plan
summary: How we respond to security incidents.
owner: platform
lastReviewed: 2026-10-01
severities:
  - level: critical
    criteria: [Customer data is exposed.]
    responseTime: 15m
    notify: [Page the on-call engineer.]
roles:
  - name: Incident lead
    who: Platform on-call
    responsibilities: [Runs the response.]
phases:
  - phase: detection-and-analysis
    csf: [detect]
    steps: [Confirm the incident.]
playbooks:
''' + PLAYBOOK.format(t='secret-exposure') + PLAYBOOK.format(t='denial-of-service') + '''evidence:
  principles: [Copy before you change.]
  sources: [Load balancer logs]
  retention: 365d
''', 'teams/platform.yaml': TEAM}, with_base=False)
case('waiver-unknown-service', {'services/api.yaml': SERVICE, 'policy.yaml': '''tiers:
  "1": [owner]
  "2": [owner]
  "3": [owner]
  "4": [owner]
freshness:
  review: 180d
  restoreTest: 90d
  runbookTest: 180d
  treeReview: 180d
waivers:
  - service: apu
    requirement: owner
    reason: Being reorganised.
    approver: CTO
    expires: 2027-01-01
'''})
# ---- file layer
case('duplicate-key', {'teams/platform.yaml': TEAM + 'name: Platform team\n'}, with_base=False)
case('tab-indentation', {'teams/platform.yaml': TEAM.replace('  channel', '\tchannel')}, with_base=False)
case('multi-document', {'teams/platform.yaml': TEAM + '---\nid: data\nname: Data\nchat:\n  channel: "#data"\n'}, with_base=False)
case('empty-file', {'teams/platform.yaml': ''}, with_base=False)
case('comments-only', {'teams/platform.yaml': '# TODO: describe the platform team\n'}, with_base=False)
case('yaml-syntax-error', {'teams/platform.yaml': TEAM.replace('name: Platform', 'name: [Platform')}, with_base=False)
case('top-level-list', {'teams/platform.yaml': '- ' + TEAM.replace('\n', '\n  ').rstrip() + '\n'}, with_base=False)
case('alias-bomb', {'teams/platform.yaml': TEAM + 'links: &l0 [{type: docs, url: "https://lol.example"}]\n' + ''.join(f'x{i}: &l{i} [{", ".join(["*l%d" % (i-1)]*9)}]\n' for i in range(1, 10))}, with_base=False)
case('undefined-alias', {'teams/platform.yaml': TEAM + 'description: *about\n'}, with_base=False)
case('deep-nesting', {'teams/platform.yaml': TEAM + 'description:\n' + ''.join('  ' * (i + 1) + f'level{i}:\n' for i in range(40)) + '  ' * 41 + 'bottom\n'}, with_base=False)
case('deep-flow-nesting', {'teams/platform.yaml': TEAM + 'links: ' + '[' * 5000 + ']' * 5000 + '\n'}, with_base=False)

# twenty errors
case('twenty-errors', {
 'teams/platform.yaml': TEAM + 'emial: platform@example.com\nescalation:\n  - level: 1\n    who: Platform on-call\n    after: soon\n',
 'teams/data.yaml': 'id: Data_Team\nname: Data\n',
 'systems/core.yaml': SYSTEM.replace('owner: platform', 'owner: platfrom'),
 'services/api.yaml': SERVICE.replace('system: core', 'system: cor').replace('owner: platform', 'owner: platfom') + '''dependencies:
  - service: postgress
    type: hard
    reason: Stores accounts.
    onFailure: Every request fails.
  - service: api
    type: soft
    reason: Calls itself.
    onFailure: Nothing.
slos:
  - name: Latency
    indicator: latency
    target: 99
    window: 30d
alerts:
  - name: ApiDown
    severity: critical
    summary: No healthy instance.
    runbook: api-dwon
apis:
  - id: public
    name: Public API
    spec: ../../etc/passwd
''',
 'services/db.yaml': SERVICE.replace('id: api', 'id: db').replace('name: API', 'name: DB').replace('lifecycle: production', 'lifecycle: prod').replace('tier: 2', 'tier: 7') + '''slos:
  - name: Availability
    indicator: availability
    target: 99.9%
    window: 30d
lastReviewed: 2026-13-45
colour: blue
''',
 'runbooks/api-down.yaml': '''id: api-down
title: API is down
kind: incident
services: [ap]
summary: Use when the API does not answer.
triggers:
  alerts: [ApiDown]
steps:
  - title: Restart it
escalation:
  team: ops
''',
 'trees/api-errors.yaml': TREE_HEAD + '''  - id: health
    question: Does /healthz answer?
    answers:
      - label: "No"
        runbook: api-down
  - id: logs
    question: Do the logs show a stack trace?
    answers:
      - label: "Yes"
        resolution: Roll back.
''',
}, with_base=False)

import sys
only = sys.argv[1:] or list(cases)
for name in only:
    files = cases[name]
    d = os.path.join(ROOT, name)
    if os.path.isdir(d):
        for entry in os.listdir(d):
            if entry != 'expected.txt':
                p = os.path.join(d, entry)
                shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    for f, text in files.items():
        p = os.path.join(d, f)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'w') as fh:
            fh.write(text)
# non-utf8 written as bytes
d = os.path.join(ROOT, 'non-utf8'); os.makedirs(os.path.join(d, 'teams'), exist_ok=True)
with open(os.path.join(d, 'teams', 'platform.yaml'), 'wb') as fh:
    fh.write(TEAM.replace('name: Platform', 'name: Plateforme r').encode() + b'')
    # Latin-1 "é" in the name
with open(os.path.join(d, 'teams', 'platform.yaml'), 'wb') as fh:
    fh.write(b'id: platform\nname: Plateforme \xe9quipe\nchat:\n  channel: "#platform"\n')
print(len(cases) + 1, 'cases')

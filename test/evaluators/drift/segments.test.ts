import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segmentLabel, type SegmentKey } from '../../../evaluators/drift/segments.ts';

const key = (over: Partial<SegmentKey>): SegmentKey => ({ segment_type: 'workflow', tenant_id: null, workflow: null, model: null, prompt_version: null, ...over });

test('segment labels read as written for plain values and never collide when a value holds a separator', () => {
  assert.equal(segmentLabel(key({ segment_type: 'overall' })), 'all');
  assert.equal(segmentLabel(key({ segment_type: 'tenant_workflow', tenant_id: 'acme', workflow: 'support_triage' })), 'tenant_id=acme/workflow=support_triage');
  // a workflow named like another segment's label: the workflow segment and the prompt-version segment stay two
  const sneaky = segmentLabel(key({ workflow: 'support_triage/prompt_version=v1' }));
  const real = segmentLabel(key({ segment_type: 'prompt_version', workflow: 'support_triage', prompt_version: 'v1' }));
  assert.notEqual(sneaky, real);
  assert.equal(sneaky, 'workflow=support_triage%2Fprompt_version%3Dv1');
  // nor can a value that is already encoded, or a '|' (the alert key's separator)
  assert.notEqual(segmentLabel(key({ workflow: 'a%2Fb' })), segmentLabel(key({ workflow: 'a/b' })));
  assert.equal(segmentLabel(key({ segment_type: 'model', model: 'x|y' })), 'model=x%7Cy');
});

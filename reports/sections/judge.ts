import { defineSection } from '../defineSection.ts';

/** Filled in when LLM-as-judge scoring exists: its scores table makes this section build. */
export const judge = defineSection({
  name: 'judge',
  title: 'LLM-judge scores',
  reads: [],
  datasets: [],
  needs: {
    objects: ['judge_scores'],
    missing: 'LLM-as-judge scoring is not configured: this warehouse has no judge_scores table.',
    remedy: ' Scores are written by the judge job (`assay judge`), which this version of Assay does not include yet. With it, this section shows scores per workflow with confidence intervals, the worst examples (redacted) and the judge’s agreement with human overrides.',
  },
});

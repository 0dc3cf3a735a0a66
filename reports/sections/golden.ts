import { defineSection } from '../defineSection.ts';

/** Filled in when golden-set checks exist: their results table makes this section build. */
export const golden = defineSection({
  name: 'golden',
  title: 'Golden-set regressions',
  reads: [],
  datasets: [],
  needs: {
    objects: ['golden_results'],
    missing: 'Golden-set regression checks are not configured: this warehouse has no golden_results table.',
    remedy: ' They are written by the golden job (`assay golden`), which this version of Assay does not include yet. With it, this section shows the pass rate per workflow and prompt version, the flipped cases with both outputs, and the compare-mode table of quality against cost per variant.',
  },
});

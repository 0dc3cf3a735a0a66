import { defineSection } from '../defineSection.ts';

/** Filled in when threshold alerts exist: their events table makes this section build. */
export const alerts = defineSection({
  name: 'alerts',
  title: 'Alerts',
  reads: [],
  datasets: [],
  needs: {
    objects: ['alert_events'],
    missing: 'Alerts are not configured: this warehouse has no alert_events table.',
    remedy: ' Alerts are evaluated and delivered by the alerts job (`assay alerts`), which this version of Assay does not include yet. With it, this section lists the alerts fired during the week and their state (firing, resolved, acknowledged).',
  },
});

// The configuration's JSON Schema (draft 2020-12, as conf uses). Descriptions and examples feed error messages.

const seconds = (what: string, example: number) => ({type: 'number', exclusiveMinimum: 0, description: `${what}, in seconds`, examples: [example]});

const paneNames = ['health', 'lag', 'dlq', 'outbox', 'burn'];

const perPaneSeconds = (what: string, example: number) => ({
  description: `${what}: one number for every pane, or one per pane`,
  examples: [example],
  oneOf: [
    seconds(what, example),
    {type: 'object', additionalProperties: false, properties: Object.fromEntries(paneNames.map((p) => [p, seconds(`${what} of the ${p} pane`, example)]))},
  ],
});

const sourceRef = {type: 'string', minLength: 1, description: 'the id of a source in this context\'s "sources"', examples: ['prometheus']};

const source = {
  type: 'object',
  description: 'a data source: "kind" plus its settings (never secrets: those come from the environment)',
  required: [],
  properties: {
    kind: {
      enum: ['demo', 'prometheus', 'health', 'kubernetes', 'servicebus', 'azure-monitor'],
      description: 'which backend this source uses (defaults to the source id)',
      examples: ['prometheus'],
    },
    scenario: {enum: ['calm', 'bad-deploy', 'projection-stall', 'dlq-storm', 'region-outage', 'tamper'], description: 'demo scenario', examples: ['calm']},
    seed: {type: 'integer', description: 'demo seed', examples: [1]},
    url: {type: 'string', pattern: '^https?://', description: 'base URL', examples: ['http://127.0.0.1:9090']},
    caFile: {type: 'string', description: 'PEM file with an extra CA to trust', examples: ['/etc/ssl/atp-ca.pem']},
    timeout: seconds('per-request timeout', 5),
  },
  additionalProperties: true,
};

const context = {
  type: 'object',
  additionalProperties: false,
  required: ['panes'],
  description: 'a cockpit context: where each pane reads from and how the cockpit may act',
  properties: {
    environment: {type: 'string', minLength: 1, description: 'environment name shown in the header ("prod" is shown in red)', examples: ['prod']},
    production: {type: 'boolean', description: 'require typing the target name to confirm actions', examples: [true]},
    readOnly: {type: 'boolean', description: 'refuse every mutating action in this context', examples: [true]},
    regions: {type: 'array', items: {type: 'string'}, description: 'regions shown side by side', examples: [['us-east', 'eu-west']]},
    refresh: perPaneSeconds('refresh interval', 5),
    staleAfter: perPaneSeconds('age after which a reading is stale', 15),
    panes: {
      type: 'object',
      additionalProperties: false,
      description: 'which source serves each pane',
      properties: Object.fromEntries(
        paneNames.map((p) => [
          p,
          {description: `source(s) for the ${p} pane`, examples: ['prometheus'], oneOf: [sourceRef, {type: 'array', minItems: 1, items: sourceRef}]},
        ]),
      ),
    },
    sources: {type: 'object', additionalProperties: source, description: 'the sources this context uses, by id'},
    thresholds: {
      type: 'object',
      additionalProperties: false,
      description: "alert thresholds (defaults are the runbook's)",
      properties: {
        errorRatio: {type: 'number', minimum: 0, maximum: 1, description: 'HighErrorRate threshold as a ratio', examples: [0.05]},
        p95Ms: {type: 'number', exclusiveMinimum: 0, description: 'HighLatency P95 threshold in ms', examples: [1000]},
        lagSeconds: {type: 'number', exclusiveMinimum: 0, description: 'ProjectionLagHigh threshold in seconds', examples: [30]},
        dlqMessages: {type: 'integer', minimum: 0, description: 'DLQBacklog threshold in messages', examples: [100]},
      },
    },
    slack: {
      type: 'object',
      additionalProperties: false,
      required: ['webhookEnv'],
      description: 'where status updates are posted: a Slack incoming webhook whose URL is in an environment variable (never in this file)',
      properties: {
        webhookEnv: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description: 'the environment variable holding the incoming webhook URL',
          examples: ['ATP_SLACK_WEBHOOK'],
        },
        channel: {
          type: 'string',
          pattern: '^#[a-z0-9_-]+$',
          description: "the webhook's channel, as shown in the dialog (the runbook's war room)",
          examples: ['#atp-incidents'],
        },
      },
    },
    runbook: {
      type: 'object',
      additionalProperties: false,
      description: "where the alert view finds each catalog section's procedure",
      properties: {
        path: {
          type: 'string',
          minLength: 1,
          description: 'a Markdown file with one "## <section> <title>" per catalog section',
          examples: ['~/atp/procedures.md'],
        },
        urlTemplate: {
          type: 'string',
          pattern: '^https?://',
          description: 'a link per section; {section} is replaced',
          examples: ['https://wiki.example.com/atp/runbook#{section}'],
        },
      },
    },
    paging: {
      type: 'object',
      additionalProperties: false,
      description: "the paging service (PagerDuty REST API v2, or the demo's own); the token comes from the environment (tokenEnv)",
      properties: {
        kind: {enum: ['pagerduty', 'demo'], description: 'which paging backend', examples: ['pagerduty']},
        url: {type: 'string', pattern: '^https?://', description: 'REST API base URL', examples: ['https://api.pagerduty.com']},
        tokenEnv: {
          type: 'string',
          pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
          description: 'environment variable holding the REST API key',
          examples: ['ATP_PAGERDUTY_TOKEN'],
        },
        from: {
          type: 'string',
          pattern: '^[^\\s@]+@[^\\s@]+$',
          description: 'e-mail of the PagerDuty user changes are made as (the From header)',
          examples: ['oncall@connectsoft.com'],
        },
        services: {
          type: 'array',
          minItems: 1,
          items: {type: 'string', pattern: '^[A-Z0-9]+$'},
          description: 'PagerDuty service ids whose incidents are shown',
          examples: [['PABC123']],
        },
        refresh: seconds('how often incidents are listed', 30),
        timeout: seconds('per-request timeout', 10),
        caFile: {type: 'string', description: 'PEM file with an extra CA to trust', examples: ['/etc/ssl/atp-ca.pem']},
        levels: {
          type: 'array',
          minItems: 1,
          items: {type: 'string', minLength: 1},
          description: 'who escalation levels 1, 2, 3... page, when the policy cannot be read',
          examples: [['Primary on-call', 'Secondary on-call', 'Manager on-call']],
        },
      },
    },
    largeReplay: {type: 'integer', minimum: 1, description: 'replays of more messages than this require a reason', examples: [100]},
  },
};

/** The whole configuration file. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    defaultContext: {type: 'string', description: 'the context opened when --context is not given', examples: ['prod-eu']},
    journal: {
      type: 'object',
      additionalProperties: false,
      description: 'the action journal',
      properties: {path: {type: 'string', minLength: 1, description: 'journal file path', examples: ['~/.local/state/atp-cockpit/journal.jsonl']}},
    },
    contexts: {type: 'object', additionalProperties: context, description: 'the cockpit contexts, by name'},
  },
} as const;

export type ConfigSchema = typeof CONFIG_SCHEMA;

// The type pifan-dashboard.json must have, built from Grafana's published types (@grafana/schema,
// the version in package.json). check-dashboard.sh writes dashboard.ts, the JSON as a literal of
// this type, and runs tsc on it: a misspelt or unknown field, a wrong type, an enum value Grafana
// does not have, a missing required field fail it.
import type { DataQuery, Dashboard, FieldConfig, FieldConfigSource, Panel, RowPanel } from '@grafana/schema';
import type * as stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as statetimeline from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import type * as table from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type * as timeseries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import type * as xychart from '@grafana/schema/dist/esm/raw/composable/xychart/panelcfg/x/XYChartPanelCfg_types.gen';

/**
 * What JSON can hold of T: a string enum as the union of its values ("absolute"), since JSON has
 * no enum members; everything else as it is, recursively.
 */
type Json<T> = T extends string
  ? string extends T ? string : `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends Array<infer U>
      ? Array<Json<U>>
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

/**
 * A Prometheus query. Its type is the Prometheus data source plugin's, which @grafana/schema 12
 * no longer ships: these are the fields of that plugin's PromQuery this dashboard uses, on the
 * schema's DataQuery (refId, datasource, hide).
 */
type PromQuery = Json<DataQuery> & {
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
};

/**
 * A panel of plugin TYPE: the dashboard schema's Panel, its options the plugin's Options and its
 * custom field config the plugin's FieldConfig, exactly (the schema's own Panel takes any options).
 */
type PanelOf<TYPE extends string, Options, Custom> = Omit<Json<Panel>, 'type' | 'options' | 'fieldConfig' | 'targets'> & {
  type: TYPE;
  options: Json<Options>;
  fieldConfig: Omit<Json<FieldConfigSource>, 'defaults'> & {
    defaults: Omit<Json<FieldConfig>, 'custom'> & { custom?: Json<Custom> };
  };
  targets: PromQuery[];
};

type PifanPanel =
  | (Omit<Json<RowPanel>, 'panels'> & { panels: [] })
  | PanelOf<'stat', stat.Options, Record<string, never>>
  | PanelOf<'table', table.Options, table.FieldConfig>
  | PanelOf<'timeseries', timeseries.Options, timeseries.FieldConfig>
  | PanelOf<'state-timeline', statetimeline.Options, statetimeline.FieldConfig>
  | PanelOf<'xychart', xychart.Options, xychart.FieldConfig>;

export type PifanDashboard = Omit<Json<Dashboard>, 'panels' | 'uid'> & {
  uid: string; // fixed, so that provisioning keeps links and bookmarks (optional in the schema)
  panels: PifanPanel[];
};

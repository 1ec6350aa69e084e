// Formatting for views: the same functions the data layer uses for alert texts, so a value reads alike everywhere.
export * from '../data/text/units.js';

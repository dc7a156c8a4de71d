export * from './orgs';
export * from './accounts';
export * from './people';
export * from './system';
export * from './proposals';
export * from './activities';
export * from './search';
// ── joint activities (activity_orgs) ──
export * from './joint';
export * from './cooperation';
// ── info (社情民意) ──
export * from './info';
export * from './duty';
export * from './worksystem';

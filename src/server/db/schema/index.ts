export * from './orgs';
export * from './accounts';
export * from './people';
export * from './system';
export * from './proposals';
export * from './activities';
export * from './search';

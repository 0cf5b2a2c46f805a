import { defineDatabaseFixtures } from 'database-config-testing';

export default defineDatabaseFixtures({ postgres: { migrations: './migrations' }, redis: {} });

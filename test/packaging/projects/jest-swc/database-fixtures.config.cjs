const { defineDatabaseFixtures } = require('database-config-testing');

module.exports = defineDatabaseFixtures({ postgres: { migrations: './migrations' }, redis: {} });

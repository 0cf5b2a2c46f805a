// Boots the compiled app module; prints the error's name and message, as a user's main.ts would see them.
require('./out/app.module.js')
  .bootstrap()
  .then(() => console.log('booted'))
  .catch((error) => {
    console.log(`${error.name}: ${error.message}`);
    process.exitCode = 3;
  });

import { migrate } from '../libs/persistence/src';
import { loadConfigOrExit } from '../libs/platform/src';

const config = loadConfigOrExit();
migrate(config.database.url)
  .then((applied) => console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Schema is up to date.'))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

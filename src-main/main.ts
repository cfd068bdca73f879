// Electron main entry: hands the real Electron API to the composition root.
import * as electron from 'electron';
import { mainDirOf, startApp, startOptionsFromEnv } from './app/start-app.js';

startApp(electron, startOptionsFromEnv(mainDirOf(import.meta.url), process.env));

// Electron main entry: hands the real Electron API to the composition root.
import * as electron from 'electron';
import { mainDirOf, startApp } from './app/start-app.js';

startApp(electron, { mainDir: mainDirOf(import.meta.url), devServerUrl: process.env.ELECTRON_RENDERER_URL });

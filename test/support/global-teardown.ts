import { stopServices } from './services-process';

export default async function globalTeardown(): Promise<void> {
  if (globalThis.__complaintTestServices) await stopServices(globalThis.__complaintTestServices);
}

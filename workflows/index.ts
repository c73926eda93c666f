// The worker's workflowsPath: every workflow type the task queue serves.
export { complaintWorkflow } from './complaint';
export { dataRequestWorkflow } from './data-request';
export { retentionSweepWorkflow } from './retention';
export { qualitySamplingWorkflow } from './quality-sampling';

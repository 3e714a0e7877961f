// The workflow bundle's entry point: everything exported here is a workflow type.
export { disputeWorkflow } from './dispute/dispute.workflow';

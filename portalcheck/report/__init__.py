"""The run's reports: what each scenario did, gathered on the workers, written by the controller."""

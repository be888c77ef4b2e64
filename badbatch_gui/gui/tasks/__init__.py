"""Background work for the window: the Worker / TaskRunner pair and the workers that call the core in QThreads."""

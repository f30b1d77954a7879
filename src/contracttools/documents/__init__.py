"""Writer-neutral assemblies of what a document says."""

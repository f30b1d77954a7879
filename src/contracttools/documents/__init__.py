"""Writer-neutral assemblies of what a document says.

Each module is one document kind (packet, summary, tracking chart, clause history, book,
printing, conformed agreement, redline of two documents): a model and the function that
builds it from the negotiation.  They share their words through `wording` and import one
another only where one document is made of others (the book).
"""

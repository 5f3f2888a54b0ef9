// Implemented by the certs work in progress.

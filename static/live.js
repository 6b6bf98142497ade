// Cronaca: times in the reader's zone, and live threads.

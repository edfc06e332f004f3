// Peers that ship no type declarations; the benchmarks cast them to the few calls they make.
declare module 'n3'
declare module 'jsonld'

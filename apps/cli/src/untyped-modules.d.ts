// n3 ships no type declarations; the tests cast it to the few calls they make.
declare module 'n3'

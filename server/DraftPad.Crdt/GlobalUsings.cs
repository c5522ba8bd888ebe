global using DraftPad.Crdt.Encoding;
global using DraftPad.Crdt.Model;
global using DraftPad.Crdt.Structs;
global using DraftPad.Crdt.Updates;

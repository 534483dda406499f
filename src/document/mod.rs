//! Loading a file into a Document (placeholder; see the document helper).

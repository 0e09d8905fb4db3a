package pipeline

import (
	"os"
	"time"
)

// FileStat is what a snapshot remembers of a file to tell, without reading
// it, that it has not changed since: size, modification time, inode, and
// when the stat was taken (see unchanged).
type FileStat struct {
	Size    int64
	ModTime int64 // Unix nanoseconds
	Inode   uint64
	At      int64 // Unix nanoseconds
}

// StatFile stats path; the zero FileStat when it cannot, which matches no
// later stat.
func StatFile(path string) FileStat {
	fi, err := os.Stat(path)
	if err != nil {
		return FileStat{}
	}
	return FileStat{Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Inode: inode(fi), At: time.Now().UnixNano()}
}

// racyWindow is how long after its last modification a file's stat is not
// trusted: a file written again within the file system's timestamp
// granularity of the stat keeps its modification time (git calls this the
// racy-git problem). Such a file is read and hashed instead.
const racyWindow = 2 * time.Second

// unchanged reports whether now (a fresh stat) shows the file as it was
// when was was taken.
func (was FileStat) Unchanged(now FileStat) bool {
	return was.Same(now) && now.At != 0 && was.At-was.ModTime >= int64(racyWindow)
}

// same reports whether two stats show the same file: size, modification
// time and inode.
func (was FileStat) Same(now FileStat) bool {
	return was.Size == now.Size && was.ModTime == now.ModTime && was.Inode == now.Inode
}

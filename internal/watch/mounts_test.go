package watch

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFileSystemOf(t *testing.T) {
	const mounts = `/dev/sdc / ext4 rw,relatime 0 0
C:\134 /mnt/c 9p rw,noatime,aname=drvfs 0 0
server:/export /home/class nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
/dev/sdd /mnt/my\040disk ext4 rw 0 0
`
	for _, tt := range []struct{ path, want string }{
		{"/home/ana/racekit", "ext4"},
		{"/mnt/c/Users/ana/racekit", "9p"},
		{"/mnt/c", "9p"},
		{"/mnt/cd/racekit", "ext4"},
		{"/home/class/ana/racekit", "nfs4"},
		{"/tmp/kit", "tmpfs"},
		{"/mnt/my disk/kit", "ext4"},
	} {
		assert.Equal(t, tt.want, fileSystemOf(mounts, tt.path), tt.path)
	}
	assert.True(t, unseenFileSystems["9p"])
	assert.True(t, unseenFileSystems["nfs4"])
	assert.False(t, unseenFileSystems["ext4"])
}

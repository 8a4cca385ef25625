// session_cas_lock_io: a session store guarded by a CAS spin lock; on a miss the
// holder "fetches" the session from the backend (a short sleep) while it holds the lock.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type spin struct{ state atomic.Int32 }

func (s *spin) Lock() {
	for !s.state.CompareAndSwap(0, 1) {
	}
}
func (s *spin) Unlock() { s.state.Store(0) }

type store struct {
	mu       spin
	sessions map[string]string
	fetches  int
}

func (s *store) Get(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.sessions[id]; ok {
		return v
	}
	time.Sleep(2 * time.Millisecond) // backend round trip
	s.fetches++
	v := "user-of-" + id
	s.sessions[id] = v
	return v
}

func main() {
	s := &store{sessions: map[string]string{}}
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, id := range []string{"a", "b", "a", "c"} {
				s.Get(id)
			}
		}()
	}
	wg.Wait()
	fmt.Println("backend fetches:", s.fetches)
	if s.fetches == 3 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}

// ttl_cache_wait: a session store that expires idle sessions from a background
// sweeper. The demo logs in a few users and waits until the sweeper has logged
// everyone out again.
package main

import (
	"fmt"
	"sync"
	"time"
)

type SessionStore struct {
	mu       sync.Mutex
	lastSeen map[string]time.Time
	idle     time.Duration
}

func NewSessionStore(idle time.Duration) *SessionStore {
	s := &SessionStore{lastSeen: make(map[string]time.Time), idle: idle}
	go func() {
		for range time.Tick(idle / 4) {
			s.sweep()
		}
	}()
	return s
}

func (s *SessionStore) sweep() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for user, t := range s.lastSeen {
		if time.Since(t) > s.idle {
			fmt.Println("session expired:", user)
			delete(s.lastSeen, user)
		}
	}
}

func (s *SessionStore) Touch(user string) {
	s.mu.Lock()
	s.lastSeen[user] = time.Now()
	s.mu.Unlock()
}

func (s *SessionStore) Active() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.lastSeen)
}

// eventually waits for cond to become true, giving up after limit.
func eventually(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

func main() {
	store := NewSessionStore(300 * time.Millisecond)
	for _, u := range []string{"ada", "brian", "grace"} {
		store.Touch(u)
	}
	fmt.Println("active sessions:", store.Active())

	start := time.Now()
	if eventually(2*time.Second, func() bool { return store.Active() == 0 }) {
		fmt.Printf("all sessions expired after %v\n", time.Since(start).Round(10*time.Millisecond))
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG: sessions never expired")
	}
}

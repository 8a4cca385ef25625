// game_loop_paced: a tiny text "game" loop at 60 frames per second. Key presses come
// in on a channel that is drained without blocking at the start of each frame.
package main

import (
	"fmt"
	"time"
)

type state struct {
	x, y   int
	frames int
	over   bool
}

func (s *state) apply(key rune) {
	switch key {
	case 'w':
		s.y--
	case 's':
		s.y++
	case 'a':
		s.x--
	case 'd':
		s.x++
	case 'q':
		s.over = true
	}
}

func main() {
	keys := make(chan rune, 8)
	go func() {
		for _, k := range "ddwwsaq" {
			time.Sleep(15 * time.Millisecond)
			keys <- k
		}
	}()

	frame := time.NewTicker(time.Second / 60)
	defer frame.Stop()
	s := &state{}
	for !s.over {
	drain:
		for {
			select {
			case k := <-keys:
				s.apply(k)
			default:
				break drain
			}
		}
		s.frames++
		if s.frames%10 == 0 {
			fmt.Printf("frame %3d: player at (%d,%d)\n", s.frames, s.x, s.y)
		}
		<-frame.C
	}

	fmt.Printf("game over after %d frames at (%d,%d)\n", s.frames, s.x, s.y)
	if s.x == 1 && s.y == -1 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}

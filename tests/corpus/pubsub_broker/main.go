// pubsub_broker: an in-process topic broker. A single goroutine owns the subscriber
// table; publishers and subscribers talk to it over channels.
package main

import (
	"fmt"
	"sync"
)

type msg struct{ topic, body string }

type Broker struct {
	pub   chan msg
	sub   chan subReq
	unsub chan chan msg
	quit  chan struct{}
}

type subReq struct {
	topic string
	ch    chan msg
}

func NewBroker() *Broker {
	b := &Broker{pub: make(chan msg), sub: make(chan subReq), unsub: make(chan chan msg), quit: make(chan struct{})}
	go b.loop()
	return b
}

func (b *Broker) loop() {
	subs := map[string]map[chan msg]bool{}
	for {
		select {
		case r := <-b.sub:
			if subs[r.topic] == nil {
				subs[r.topic] = map[chan msg]bool{}
			}
			subs[r.topic][r.ch] = true
		case ch := <-b.unsub:
			for _, set := range subs {
				delete(set, ch)
			}
			close(ch)
		case m := <-b.pub:
			for ch := range subs[m.topic] {
				ch <- m // subscribers are buffered and drained promptly
			}
		case <-b.quit:
			return
		}
	}
}

func (b *Broker) Subscribe(topic string) chan msg {
	ch := make(chan msg, 16)
	b.sub <- subReq{topic, ch}
	return ch
}

func main() {
	b := NewBroker()
	defer close(b.quit)

	var wg sync.WaitGroup
	results := make([]int, 3)
	subs := []chan msg{b.Subscribe("orders"), b.Subscribe("orders"), b.Subscribe("audit")}
	for i, ch := range subs {
		wg.Add(1)
		go func(i int, ch chan msg) {
			defer wg.Done()
			for m := range ch {
				results[i] += len(m.body)
			}
		}(i, ch)
	}

	for n := 1; n <= 5; n++ {
		b.pub <- msg{"orders", fmt.Sprintf("order #%d", n)}
		b.pub <- msg{"audit", "created"}
	}
	for _, ch := range subs {
		b.unsub <- ch
	}
	wg.Wait()

	fmt.Println("bytes received per subscriber:", results)
	if results[0] == 40 && results[1] == 40 && results[2] == 35 {
		fmt.Println("RESULT OK")
	} else {
		fmt.Println("RESULT WRONG")
	}
}

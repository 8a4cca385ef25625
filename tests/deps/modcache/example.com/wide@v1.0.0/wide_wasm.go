package wide

func limit() int {
	return 1 << 30
}

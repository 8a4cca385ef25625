package wide

func limit() int {
	big := 1 << 40
	return big
}

// Placeholder until the command lands; replaced by the cli component.
int main() { return 64; }

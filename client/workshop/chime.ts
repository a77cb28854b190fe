/**
 * A short, soft two-note chime, made with WebAudio (no sound file to fetch). Browsers keep
 * audio muted until the person has interacted with the page; then it simply stays silent.
 */
export function playChime(): void {
  const Context = window.AudioContext
  if (!Context) return
  let audio: AudioContext
  try {
    audio = new Context()
  } catch {
    return
  }
  const start = audio.currentTime + 0.02
  for (const [i, frequency] of [880, 1318.5].entries()) {
    const at = start + i * 0.18
    const tone = audio.createOscillator()
    const gain = audio.createGain()
    tone.type = 'sine'
    tone.frequency.value = frequency
    gain.gain.setValueAtTime(0, at)
    gain.gain.linearRampToValueAtTime(0.12, at + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9)
    tone.connect(gain).connect(audio.destination)
    tone.start(at)
    tone.stop(at + 1)
  }
  window.setTimeout(() => void audio.close().catch(() => undefined), 1500)
}

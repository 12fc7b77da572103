import type { PageSignal, PageSignals } from '../core/platform';

type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';
const DEVICE_KINDS: readonly DeviceKind[] = ['audioinput', 'videoinput', 'audiooutput'];

/**
 * Visibility, focus and device changes from the DOM. Device changes are reported by kind only:
 * which kind's set of devices changed, never a label or an id (they identify the member's hardware).
 */
export function domPageSignals(): PageSignals {
  return {
    watch(emit: (signal: PageSignal) => void): () => void {
      const onVisibility = () =>
        emit({ type: 'visibility', state: document.visibilityState === 'hidden' ? 'hidden' : 'visible' });
      const onFocus = () => emit({ type: 'focus', state: 'focused' });
      const onBlur = () => emit({ type: 'focus', state: 'blurred' });
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('focus', onFocus);
      window.addEventListener('blur', onBlur);
      onVisibility();
      if (typeof document.hasFocus === 'function') (document.hasFocus() ? onFocus : onBlur)();

      const devices = navigator.mediaDevices as MediaDevices | undefined;
      // Per kind, the set of devices as a local fingerprint (ids stay in the page, never sent).
      let sets: Map<DeviceKind, string> | undefined;
      const readSets = async () => {
        const list = (await devices?.enumerateDevices().catch(() => [])) ?? [];
        return new Map(
          DEVICE_KINDS.map((kind) => {
            const ofKind = list.filter((device) => device.kind === kind).map((device) => device.deviceId);
            return [kind, `${ofKind.length}:${ofKind.sort().join(',')}`];
          }),
        );
      };
      void readSets().then((initial) => (sets = initial));
      const reportDeviceChange = async () => {
        const now = await readSets();
        const before = sets;
        sets = now;
        for (const kind of DEVICE_KINDS) {
          if (before && before.get(kind) !== now.get(kind)) emit({ type: 'device-change', device: kind });
        }
      };
      const onDeviceChange = () => void reportDeviceChange();
      devices?.addEventListener?.('devicechange', onDeviceChange);

      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('focus', onFocus);
        window.removeEventListener('blur', onBlur);
        devices?.removeEventListener?.('devicechange', onDeviceChange);
      };
    },
  };
}

/** sessionStorage when the page may use it (sandboxed frames throw on access). */
export function sessionStorageIfAvailable(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Coarse: a touch-first device counts as mobile. Never the user agent string. */
export function detectPlatform(): 'desktop' | 'mobile' {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches ? 'mobile' : 'desktop';
}

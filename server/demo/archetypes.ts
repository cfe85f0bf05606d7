/**
 * Kinds of demo site with plausible services, hours, payment and access, and how common each is.
 * `p` values are the chance that an optional code is present.
 */
import type { CodeOf } from '../vocabulary.js'
import type { HoursRule } from '../db/schema.js'

export interface Archetype {
  key: string
  weight: number
  types: CodeOf<'types'>[]
  names: string[]
  services: CodeOf<'services'>[]
  optionalServices: Partial<Record<CodeOf<'services'>, number>>
  payment: CodeOf<'payment'>[]
  optionalPayment: Partial<Record<CodeOf<'payment'>, number>>
  access: CodeOf<'access'>[]
  optionalAccess: Partial<Record<CodeOf<'access'>, number>>
  hours: { weight: number; rules: Omit<HoursRule, 'valid_from' | 'valid_to'>[] }[]
}

const rule = (byday: string, opens: string, closes: string) => ({ byday, opens, closes })
const WEEKDAYS = 'MO,TU,WE,TH,FR'
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU'
const NONE: Archetype['hours'][number] = { weight: 8, rules: [] }

export const ARCHETYPES: Archetype[] = [
  {
    key: 'ssp',
    weight: 12,
    types: ['harm_reduction'],
    names: [
      '{city} Harm Reduction Collective',
      '{city} Syringe Services Program',
      'Prevention Point {city}',
      '{city} Needle Exchange',
      '{city} Community Outreach Project',
    ],
    services: ['syringe_services', 'syringe_disposal', 'naloxone'],
    optionalServices: {
      fentanyl_test_strips: 0.8,
      wound_care: 0.5,
      hiv_testing: 0.6,
      hcv_testing: 0.6,
      safer_smoking_supplies: 0.3,
      drug_checking: 0.05,
      overdose_prevention_site: 0.01,
      peer_support: 0.4,
      case_management: 0.3,
      food: 0.2,
      prep: 0.15,
      vaccination: 0.1,
    },
    payment: ['free'],
    optionalPayment: {},
    access: ['walk_in'],
    optionalAccess: { mobile_unit: 0.3, mail_delivery: 0.15, wheelchair_accessible: 0.6 },
    hours: [
      { weight: 30, rules: [rule('TU,TH', '17:00', '21:00'), rule('SA', '12:00', '16:00')] },
      { weight: 25, rules: [rule(WEEKDAYS, '10:00', '16:00')] },
      { weight: 15, rules: [rule('FR,SA', '20:00', '02:00')] },
      { weight: 10, rules: [rule('MO,WE,FR', '09:00', '13:00')] },
      NONE,
    ],
  },
  {
    key: 'otp',
    weight: 6,
    types: ['treatment'],
    names: ['{city} Comprehensive Treatment Center', '{city} Methadone Clinic', '{city} Opioid Treatment Program', 'New Horizons {city}'],
    services: ['methadone', 'counseling'],
    optionalServices: {
      buprenorphine: 0.6,
      naltrexone: 0.3,
      naloxone: 0.5,
      outpatient: 0.7,
      hiv_testing: 0.3,
      hcv_testing: 0.3,
      peer_support: 0.3,
      case_management: 0.4,
    },
    payment: ['medicaid', 'self_pay'],
    optionalPayment: { medicare: 0.6, private_insurance: 0.6, sliding_fee: 0.3, military_insurance: 0.1, ihs_tribal: 0.03 },
    access: ['walk_in'],
    optionalAccess: { wheelchair_accessible: 0.8 },
    hours: [
      { weight: 35, rules: [rule('MO,TU,WE,TH,FR,SA', '05:30', '13:00')] },
      { weight: 25, rules: [rule(WEEKDAYS, '06:00', '14:00'), rule('SA,SU', '07:00', '10:00')] },
      { weight: 20, rules: [rule(WEEKDAYS, '05:30', '19:00'), rule('SA', '06:00', '12:00')] },
      { weight: 10, rules: [rule(EVERY_DAY, '00:00', '00:00')] },
      NONE,
    ],
  },
  {
    key: 'outpatient',
    weight: 18,
    types: ['treatment'],
    names: ['{city} Recovery Services', '{city} Addiction Medicine', 'Pathways Counseling of {city}', '{city} Behavioral Health Outpatient'],
    services: ['outpatient', 'counseling'],
    optionalServices: {
      buprenorphine: 0.6,
      naltrexone: 0.5,
      intensive_outpatient: 0.4,
      telehealth: 0.5,
      peer_support: 0.4,
      naloxone: 0.4,
      mental_health_care: 0.4,
      case_management: 0.3,
    },
    payment: ['self_pay'],
    optionalPayment: {
      medicaid: 0.7,
      medicare: 0.5,
      private_insurance: 0.8,
      sliding_fee: 0.4,
      military_insurance: 0.15,
      payment_assistance: 0.2,
      ihs_tribal: 0.02,
    },
    access: ['appointment_only'],
    optionalAccess: { wheelchair_accessible: 0.8 },
    hours: [
      { weight: 50, rules: [rule(WEEKDAYS, '09:00', '17:00')] },
      { weight: 30, rules: [rule('MO,TU,WE,TH', '08:00', '20:00'), rule('FR', '08:00', '17:00')] },
      NONE,
    ],
  },
  {
    key: 'detox',
    weight: 5,
    types: ['treatment'],
    names: ['{city} Detox and Residential Center', '{city} Recovery Center', 'Serenity House {city}', '{city} Withdrawal Management'],
    services: ['detox'],
    optionalServices: { residential: 0.7, inpatient: 0.4, buprenorphine: 0.5, methadone: 0.1, counseling: 0.9, peer_support: 0.5 },
    payment: ['private_insurance'],
    optionalPayment: { medicaid: 0.6, medicare: 0.4, self_pay: 0.8, sliding_fee: 0.2, military_insurance: 0.1 },
    access: ['walk_in'],
    optionalAccess: { wheelchair_accessible: 0.7 },
    hours: [{ weight: 90, rules: [rule(EVERY_DAY, '00:00', '00:00')] }, NONE],
  },
  {
    key: 'clinic',
    weight: 20,
    types: ['clinic'],
    names: ['{city} Community Health Center', '{city} Family Health Clinic', '{city} Free Clinic', 'Health Care for the Homeless {city}'],
    services: ['primary_care'],
    optionalServices: {
      hiv_testing: 0.7,
      hcv_testing: 0.6,
      sti_testing: 0.7,
      prep: 0.4,
      vaccination: 0.8,
      mental_health_care: 0.5,
      buprenorphine: 0.3,
      naloxone: 0.5,
      case_management: 0.4,
      wound_care: 0.3,
      telehealth: 0.3,
    },
    payment: ['sliding_fee', 'medicaid'],
    optionalPayment: { medicare: 0.8, private_insurance: 0.7, free: 0.2, self_pay: 0.6, ihs_tribal: 0.03 },
    access: ['appointment_only'],
    optionalAccess: { walk_in: 0.4, wheelchair_accessible: 0.9 },
    hours: [
      { weight: 50, rules: [rule(WEEKDAYS, '08:00', '17:00')] },
      { weight: 25, rules: [rule(WEEKDAYS, '08:00', '19:00'), rule('SA', '09:00', '13:00')] },
      NONE,
    ],
  },
  {
    key: 'pharmacy',
    weight: 25,
    types: ['pharmacy'],
    names: ['{city} Community Pharmacy', 'Main Street Pharmacy {city}', '{city} Drug Store', 'Neighborhood Rx {city}'],
    services: ['naloxone'],
    optionalServices: { syringe_services: 0.4, syringe_disposal: 0.3, vaccination: 0.8, buprenorphine: 0.2 },
    payment: ['self_pay', 'private_insurance'],
    optionalPayment: { medicaid: 0.8, medicare: 0.8 },
    access: ['walk_in'],
    optionalAccess: { wheelchair_accessible: 0.9, mail_delivery: 0.1 },
    hours: [
      { weight: 60, rules: [rule(WEEKDAYS, '08:00', '21:00'), rule('SA,SU', '09:00', '18:00')] },
      { weight: 12, rules: [rule(EVERY_DAY, '00:00', '00:00')] },
      NONE,
    ],
  },
  {
    key: 'hospital',
    weight: 4,
    types: ['hospital'],
    names: ['{city} General Hospital', '{city} Medical Center', 'St. Mary of {city} Hospital'],
    services: ['naloxone'],
    optionalServices: { detox: 0.3, inpatient: 0.6, buprenorphine: 0.4, hiv_testing: 0.8, hcv_testing: 0.6, mental_health_care: 0.5, wound_care: 0.7 },
    payment: ['medicaid', 'medicare', 'private_insurance', 'self_pay'],
    optionalPayment: { payment_assistance: 0.6, military_insurance: 0.3 },
    access: ['walk_in', 'wheelchair_accessible'],
    optionalAccess: {},
    hours: [{ weight: 100, rules: [rule(EVERY_DAY, '00:00', '00:00')] }],
  },
  {
    key: 'mental_health',
    weight: 7,
    types: ['mental_health'],
    names: ['{city} Mental Health Center', '{city} Counseling Associates', '{city} Crisis and Wellness Center'],
    services: ['mental_health_care', 'counseling'],
    optionalServices: { case_management: 0.5, telehealth: 0.5, peer_support: 0.3, housing_help: 0.2, outpatient: 0.3 },
    payment: ['medicaid'],
    optionalPayment: { medicare: 0.6, private_insurance: 0.7, sliding_fee: 0.5, free: 0.1 },
    access: ['appointment_only'],
    optionalAccess: { wheelchair_accessible: 0.8, walk_in: 0.2 },
    hours: [{ weight: 70, rules: [rule(WEEKDAYS, '09:00', '17:00')] }, NONE],
  },
  {
    key: 'recovery_housing',
    weight: 3,
    types: ['recovery_housing'],
    names: ['{city} Sober Living', 'Fresh Start House {city}', '{city} Recovery Residence'],
    services: ['recovery_housing', 'peer_support'],
    optionalServices: { case_management: 0.5, housing_help: 0.6 },
    payment: ['self_pay'],
    optionalPayment: { sliding_fee: 0.4, payment_assistance: 0.3 },
    access: ['appointment_only'],
    optionalAccess: {},
    hours: [
      { weight: 30, rules: [rule(EVERY_DAY, '00:00', '00:00')] },
      { weight: 30, rules: [] },
    ],
  },
]
